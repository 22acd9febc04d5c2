import Crypto
import Foundation

/// Decrypts one direction of a TLS 1.3 connection (RFC 8446 §5.2, §7.3) with secrets from
/// a key log: records are protected first with the handshake traffic secret, then — after
/// the direction's Finished — with the application traffic secret. Each key's sequence
/// number starts at zero.
struct TLS13RecordDecryptor {
    enum Suite {
        case aes128GCM, aes256GCM, chacha20

        init?(_ cipher: UInt16) {
            switch cipher {
            case 0x1301: self = .aes128GCM
            case 0x1302: self = .aes256GCM
            case 0x1303: self = .chacha20
            default: return nil
            }
        }

        var keyLength: Int { self == .aes128GCM ? 16 : 32 }
    }

    struct TrafficKeys {
        let key: SymmetricKey
        let iv: [UInt8]
        var sequence: UInt64 = 0
    }

    let suite: Suite
    private var keys: TrafficKeys
    private var applicationSecret: [UInt8]?

    init?(suite: Suite, handshakeSecret: [UInt8], applicationSecret: [UInt8]?) {
        self.suite = suite
        guard let keys = Self.trafficKeys(suite: suite, secret: handshakeSecret) else { return nil }
        self.keys = keys
        self.applicationSecret = applicationSecret
    }

    /// Opens an application-data record; returns the inner content type and plaintext.
    mutating func open(header: [UInt8], ciphertext: [UInt8]) -> (type: UInt8, content: [UInt8])? {
        guard ciphertext.count > 16 else { return nil }
        var nonce = keys.iv
        for index in 0..<8 { nonce[nonce.count - 1 - index] ^= UInt8(truncatingIfNeeded: keys.sequence >> (8 * UInt64(index))) }
        keys.sequence += 1
        let sealed = Array(ciphertext[..<(ciphertext.count - 16)]), tag = Array(ciphertext[(ciphertext.count - 16)...])
        let plaintext: [UInt8]
        do {
            switch suite {
            case .aes128GCM, .aes256GCM:
                let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce), ciphertext: sealed, tag: tag)
                plaintext = Array(try AES.GCM.open(box, using: keys.key, authenticating: header))
            case .chacha20:
                let box = try ChaChaPoly.SealedBox(nonce: ChaChaPoly.Nonce(data: nonce), ciphertext: sealed, tag: tag)
                plaintext = Array(try ChaChaPoly.open(box, using: keys.key, authenticating: header))
            }
        } catch {
            return nil
        }
        // TLSInnerPlaintext: content, then the real content type, then zero padding.
        guard let last = plaintext.lastIndex(where: { $0 != 0 }) else { return nil }
        return (plaintext[last], Array(plaintext[..<last]))
    }

    /// After this direction's Finished, its records use the application traffic keys.
    mutating func switchToApplicationKeys() {
        guard let secret = applicationSecret, let next = Self.trafficKeys(suite: suite, secret: secret) else { return }
        keys = next
        applicationSecret = nil
    }

    static func trafficKeys(suite: Suite, secret: [UInt8]) -> TrafficKeys? {
        let key: [UInt8], iv: [UInt8]
        if suite == .aes256GCM {
            key = expandLabel(SHA384.self, secret: secret, label: "key", length: suite.keyLength)
            iv = expandLabel(SHA384.self, secret: secret, label: "iv", length: 12)
        } else {
            key = expandLabel(SHA256.self, secret: secret, label: "key", length: suite.keyLength)
            iv = expandLabel(SHA256.self, secret: secret, label: "iv", length: 12)
        }
        return TrafficKeys(key: SymmetricKey(data: key), iv: iv)
    }

    /// HKDF-Expand-Label (RFC 8446 §7.1) with an empty context.
    static func expandLabel<H: HashFunction>(_ hash: H.Type, secret: [UInt8], label: String, length: Int) -> [UInt8] {
        let fullLabel = Array("tls13 \(label)".utf8)
        let info = [UInt8(length >> 8), UInt8(length & 0xFF), UInt8(fullLabel.count)] + fullLabel + [0]
        let output = HKDF<H>.expand(pseudoRandomKey: SymmetricKey(data: secret), info: info, outputByteCount: length)
        return output.withUnsafeBytes { Array($0) }
    }
}
