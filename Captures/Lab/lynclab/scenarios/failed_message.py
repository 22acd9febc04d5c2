from .im import failed_message


def scenario():
    return failed_message()
