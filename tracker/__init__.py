"""The tracker: follows funded projects of a programme from application to acceptance."""
