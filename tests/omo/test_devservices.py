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


def test_make_run_knows_when_single_sign_on_is_on(monkeypatch, tmp_path):
    """With single sign-on on, `make run` does not offer the local demo accounts (they cannot log in)."""
    monkeypatch.setattr(devservices, "BASE_DIR", tmp_path)
    monkeypatch.delenv("OIDC_DISCOVERY_URL", raising=False)
    assert not devservices._sso_aan()
    (tmp_path / ".env").write_text("DEBUG=true\nexport OIDC_DISCOVERY_URL='http://127.0.0.1:8090/.well-known/openid-configuration'\n")
    assert devservices._sso_aan()
    monkeypatch.setenv("OIDC_DISCOVERY_URL", "")  # the environment wins over .env
    assert not devservices._sso_aan()
