from .chat import chat_room


def scenario():
    return chat_room()
