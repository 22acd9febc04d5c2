from .presence import batch_subscribe


def scenario():
    return batch_subscribe()
