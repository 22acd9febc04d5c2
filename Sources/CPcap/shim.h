#ifndef SIPLADDER_CPCAP_SHIM_H
#define SIPLADDER_CPCAP_SHIM_H
#include <pcap/pcap.h>
#endif
