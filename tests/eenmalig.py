"""Shared checks of forms that act once (omo.eenmalig): the same POST twice makes one object and
the second answer says so; a refused first POST leaves the token free for the corrected form."""

import html

from omo.eenmalig import nieuw_token


def tweemaal(client, url, data):
    """Post the same form (same token) twice; returns (first response, second response followed)."""
    data = {**data, "eenmalig": nieuw_token()}
    eerste = client.post(url, data)
    tweede = client.post(url, data, follow=True)
    return eerste, tweede


def controleer_tweemaal(client, url, data, aantal, melding):
    """`aantal()` counts the objects the form makes. The second POST makes none, says `melding`
    and lands where the first one went."""
    voor = aantal()
    eerste, tweede = tweemaal(client, url, data)
    assert eerste.status_code == 302, getattr(eerste, "context", None) and eerste.context.get("form").errors
    assert aantal() == voor + 1
    assert tweede.redirect_chain[0][0] == eerste["Location"]
    assert melding in html.unescape(tweede.content.decode())


def controleer_fout_dan_goed(client, url, fout, goed, aantal):
    """A refused first POST (invalid form) does not use up the token: the corrected form with the
    same token makes the object."""
    token = nieuw_token()
    voor = aantal()
    eerste = client.post(url, {**fout, "eenmalig": token})
    assert eerste.status_code == 200 and aantal() == voor
    tweede = client.post(url, {**goed, "eenmalig": token})
    assert tweede.status_code == 302 and aantal() == voor + 1


def zonder_token_geweigerd(client, url, data, aantal):
    voor = aantal()
    response = client.post(url, data)
    assert response.status_code == 200 and aantal() == voor
    assert "eenmalige sleutel" in html.unescape(response.content.decode())
