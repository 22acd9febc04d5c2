/* The floor: the cost of reading every packet of a capture through libpcap, decoding
 * nothing. Prints the packet and byte counts so the read cannot be optimised away.
 *   cc -O2 -o pcap-floor pcap-floor.c -lpcap && ./pcap-floor FILE */
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char **argv) {
    char error[PCAP_ERRBUF_SIZE];
    if (argc != 2) {
        fprintf(stderr, "usage: pcap-floor FILE\n");
        return 2;
    }
    pcap_t *handle = pcap_open_offline(argv[1], error);
    if (!handle) {
        fprintf(stderr, "pcap-floor: %s\n", error);
        return 2;
    }
    struct pcap_pkthdr *header;
    const u_char *data;
    unsigned long long packets = 0, bytes = 0, checksum = 0;
    while (pcap_next_ex(handle, &header, &data) == 1) {
        packets++;
        bytes += header->caplen;
        checksum += header->caplen ? data[header->caplen - 1] : 0;
    }
    printf("%llu packets, %llu bytes (%llu)\n", packets, bytes, checksum);
    pcap_close(handle);
    return 0;
}
