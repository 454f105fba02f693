"""Notifications: composing messages about alerts and delivering them (e-mail, group-robot webhook)."""
