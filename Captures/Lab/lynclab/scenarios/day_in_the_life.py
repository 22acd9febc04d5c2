"""A morning between Alice, Bob and Carol: Alice signs in, publishes her presence,
subscribes to her contacts and adds Bob; Alice and Bob chat; Carol messages Bob; Alice
sends Bob a file and posts in the team room."""
from . import Scenario
from .chat import chat_room
from .im import send_message
from .presence import add_contact_internal, batch_subscribe, presence_publish, registration
from .transfer import lync_transfer


def scenario():
    parts = [registration(), presence_publish(), batch_subscribe(), add_contact_internal(),
             send_message("tcp"),
             send_message("tcp", first="hi Bob, lunch?", messages=(("bob", "sure, 12:30"),), caller="carol", callee="bob"),
             lync_transfer(), chat_room()]
    steps = [step for part in parts for step in part.steps]
    truth = [entry for part in parts for entry in part.truth]
    return Scenario("tcp", parts[0].parties, steps, truth)
