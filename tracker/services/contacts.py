"""Contacts: imported from a file; a contact already known is left as it is."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.access import Action, require
from tracker.commands import ContactInput
from tracker.models import Contact
from tracker.principal import Principal
from tracker.services import audit


def import_contacts(session: Session, parsed: list[ContactInput], actor: Principal) -> int:
    require(actor, Action.IMPORT)
    known = {(c.scope, c.owner, c.email, c.webhook) for c in session.scalars(select(Contact))}
    added = 0
    for p in parsed:
        key = (p.scope, p.owner, p.email, p.webhook)
        if key in known:
            continue
        known.add(key)
        session.add(Contact(scope=p.scope, owner=p.owner, name=p.name, email=p.email, webhook=p.webhook))
        audit.record(session, actor=actor.name, action="contact.added", entity="contact",
                     key=f"{p.scope}/{p.owner}", after={"name": p.name, "email": p.email,
                                                        "webhook": p.webhook})
        added += 1
    return added
