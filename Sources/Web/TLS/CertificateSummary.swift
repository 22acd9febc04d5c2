import Foundation
import X509

/// What a ladder shows of a server certificate: names and validity, parsed by
/// swift-certificates from the DER of the first certificate in a TLS ≤ 1.2 Certificate
/// message (TLS 1.3 sends it encrypted).
public struct CertificateSummary: Equatable, Sendable, Codable {
    public let subject: String
    public let sans: [String]
    public let issuer: String
    public let notBefore: String
    public let notAfter: String

    /// Certificate message body: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>.
    static func firstCertificate(inCertificateMessage body: [UInt8]) -> [UInt8]? {
        var reader = TLSReader(body)
        guard let list = try? reader.vector24("certificate list") else { return nil }
        var certificates = TLSReader(list)
        return try? certificates.vector24("certificate")
    }

    init(der: [UInt8]) throws {
        let certificate = try Certificate(derEncoded: der)
        subject = certificate.subject.description
        issuer = certificate.issuer.description
        let formatter = ISO8601DateFormatter()
        notBefore = formatter.string(from: certificate.notValidBefore)
        notAfter = formatter.string(from: certificate.notValidAfter)
        var names: [String] = []
        if let alternatives = try? certificate.extensions.subjectAlternativeNames {
            for name in alternatives {
                switch name {
                case .dnsName(let dns): names.append(dns)
                case .ipAddress(let address): names.append(Self.ipText(Array(address.bytes)))
                case .uniformResourceIdentifier(let uri): names.append(uri)
                case .rfc822Name(let mail): names.append(mail)
                default: continue
                }
            }
        }
        sans = names
    }

    /// An iPAddress SAN: 4 bytes dotted, 16 bytes as eight hex groups.
    static func ipText(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map { String($0) }.joined(separator: ".") }
        guard bytes.count == 16 else { return String(hex: bytes) }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}
