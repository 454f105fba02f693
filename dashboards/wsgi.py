"""The WSGI entry point for production: `gunicorn -w 4 -b 0.0.0.0:8000 dashboards.wsgi:app`."""
from dashboards.app import create_app

app = create_app()
