"""`make run` prints its address only once the web server answers."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from omo import devservices


class _Antwoord(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(503)  # up, even if not healthy: the address works
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_address_is_printed_only_once_the_server_answers(capsys):
    port = devservices.free_port()
    url = f"http://127.0.0.1:{port}/inloggen/"
    supervisor = devservices.Supervisor()
    assert devservices.wacht_op_webserver(url, supervisor, timeout=0.5) is False
    assert "antwoordt na" in capsys.readouterr().out

    server = HTTPServer(("127.0.0.1", port), _Antwoord)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert devservices.wacht_op_webserver(url, supervisor, timeout=10) is True
    finally:
        server.shutdown()
        server.server_close()
