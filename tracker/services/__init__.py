"""Operations that change state: they take a session and the acting principal and write the audit trail."""
