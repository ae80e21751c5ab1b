"""The one exception readers raise: a reason code for the ledger and a sentence for people."""


class RawError(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
