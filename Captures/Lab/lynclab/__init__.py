"""A small lab that stages Lync / Skype for Business SIP scenarios between real processes
on loopback, so that tcpdump can record them."""
