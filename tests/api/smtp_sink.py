"""A local SMTP sink for the tests: accepts every message on 127.0.0.1 and keeps it in memory.

Just enough of RFC 5321 for libcurl's client: EHLO/HELO, MAIL, RCPT, DATA (dot-unstuffed), RSET,
NOOP, QUIT. Nothing leaves the machine.
"""
import base64
import email
import email.header
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def send(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        sink = self.server.sink
        self.send("220 sink.test ESMTP ready")
        sender, rcpts = None, []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            cmd = raw.decode("utf-8", "replace").strip()
            verb = cmd.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.send("250-sink.test")
                self.send("250 8BITMIME")
            elif verb == "MAIL":
                sender, rcpts = cmd[10:].strip(), []
                self.send("250 OK")
            elif verb == "RCPT":
                rcpts.append(cmd[8:].strip().strip("<>"))
                self.send("250 OK")
            elif verb == "DATA":
                self.send("354 end with .")
                lines = []
                while True:
                    line = self.rfile.readline()
                    if not line or line in (b".\r\n", b".\n"):
                        break
                    lines.append(line[1:] if line.startswith(b"..") else line)
                sink.add(sender, rcpts, b"".join(lines))
                self.send("250 queued")
            elif verb == "QUIT":
                self.send("221 bye")
                return
            else:
                self.send("250 OK")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.sink = self
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def add(self, sender, rcpts, data):
        msg = email.message_from_bytes(data)
        subject = str(email.header.make_header(email.header.decode_header(msg["Subject"] or "")))
        body = msg.get_payload(decode=True)
        with self._lock:
            self.messages.append({"from": sender, "to": rcpts, "subject": subject,
                                  "body": body.decode("utf-8", "replace") if body else "",
                                  "raw": data})

    def received(self):
        with self._lock:
            return list(self.messages)

    def close(self):
        self._server.shutdown()
        self._server.server_close()


if __name__ == "__main__":
    s = SmtpSink()
    print(s.port)
    base64  # keep the import for manual decoding in a REPL
