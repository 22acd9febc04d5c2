from .transfer import lync_transfer


def scenario():
    return lync_transfer()
