"""The pages people use: a Dash multi-page app mounted on the web service's Flask server."""
