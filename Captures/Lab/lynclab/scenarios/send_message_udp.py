from .im import send_message


def scenario():
    return send_message("udp")
