"""The web face of the tracker: a Flask server with the JSON API (the Dash pages mount on it)."""
