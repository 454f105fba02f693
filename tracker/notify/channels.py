"""The delivery channels: e-mail over SMTP, and the group-robot webhook WeCom and DingTalk accept."""
from __future__ import annotations

import json
import smtplib
import ssl
import urllib.error
import urllib.request
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from tracker.models import Notification
from tracker.notify.messages import Message
from tracker.notify.outbox import Sender
from tracker.notify.settings import MailSettings


class EmailSender:
    def __init__(self, settings: MailSettings):
        self.settings = settings

    def message(self, n: Notification) -> EmailMessage:
        mail = EmailMessage()
        mail["Subject"] = n.subject
        mail["From"] = self.settings.sender
        mail["To"] = n.address
        mail["Date"] = formatdate(localtime=True)
        mail["Message-ID"] = make_msgid(idstring=f"notification-{n.id}")
        mail.set_content(n.body)
        mail.add_alternative(Message(n.subject, n.body).html, subtype="html")
        return mail

    def send(self, n: Notification) -> None:
        s = self.settings
        context = ssl.create_default_context()
        if s.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        with client:
            if s.security == "starttls":
                client.starttls(context=context)
            if s.user:
                client.login(s.user, s.password or "")
            client.send_message(self.message(n))


class WebhookSender:
    """POSTs {"msgtype": "text", "text": {"content": ...}}; a 2xx answer whose errcode, if any, is 0."""

    def __init__(self, timeout: float = 10.0):
        self.timeout = timeout

    def send(self, n: Notification) -> None:
        if not n.address.startswith(("http://", "https://")):
            raise ValueError(f"webhook 地址必须以 http:// 或 https:// 开头：{n.address}")
        payload = {"msgtype": "text", "text": {"content": f"{n.subject}\n{n.body}"}}
        request = urllib.request.Request(
            n.address, data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json; charset=utf-8"}, method="POST")
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (http(s) only)
            body = response.read()
        try:
            answer = json.loads(body or b"{}")
        except ValueError:
            return
        if isinstance(answer, dict) and answer.get("errcode", 0) != 0:
            raise RuntimeError(f"webhook 返回错误 {answer.get('errcode')}: {answer.get('errmsg')}")


def configured_senders(mail: MailSettings | None) -> dict[str, Sender]:
    senders: dict[str, Sender] = {"webhook": WebhookSender()}
    if mail is not None:
        senders["email"] = EmailSender(mail)
    return senders
