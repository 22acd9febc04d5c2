/// Recognises the protocols of the Web module from a stream's first bytes.
public enum WebProtocolSniffer {
    public static func isTLSRecord(_ bytes: UnsafeRawBufferPointer) -> Bool { TLSRecordFramer.looksLikeRecord(bytes) }
    public static func isHTTP(_ bytes: UnsafeRawBufferPointer) -> Bool { HTTPMessageParser.looksLikeHTTP(bytes) }
}
