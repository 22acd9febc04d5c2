import CLibXML2
import Synchronization

/// One libxml2 push-parser context with SAX callbacks that build `XMLElement`s, reused
/// from document to document. Sessions wait in a small pool, so each thread that parses
/// takes one of its own: a session is used by one thread at a time, whichever took it.
final class XMLParserSession: @unchecked Sendable {
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                                       | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
    /// Names libxml2 has interned in the context's dictionary; past this many a session
    /// is retired, so documents full of made-up names cannot grow it without end.
    private static let maximumInternedNames = 20_000
    private static let maximumPooled = 8

    private static let pool = Mutex<[XMLParserSession]>([])
    private static let initialiseOnce: Void = { xmlInitParser() }()

    static func take() -> XMLParserSession {
        pool.withLock { $0.popLast() } ?? XMLParserSession()
    }

    static func giveBack(_ session: XMLParserSession) {
        guard !session.isWorn else { return }
        pool.withLock { pool in
            if pool.count < maximumPooled { pool.append(session) }
        }
    }

    private let context: xmlParserCtxtPtr
    /// The SAX callbacks' user data; lives as long as the session.
    private let builder: UnsafeMutablePointer<XMLTreeBuilder>

    private init() {
        _ = Self.initialiseOnce
        // Only elements and text, nothing else: no libxml2 tree, no entity lookup, no
        // locator, no error printing. libxml2's own SAX2 handlers must stay out, since they
        // take the user data for a parser context and here it is the tree builder.
        var handler = xmlSAXHandler()
        handler.startElementNs = XMLTreeBuilder.startElement
        handler.endElementNs = XMLTreeBuilder.endElement
        handler.characters = XMLTreeBuilder.characters
        handler.ignorableWhitespace = XMLTreeBuilder.characters
        handler.initialized = XML_SAX2_MAGIC
        // libxml2 copies the handler into the context.
        context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil)
        builder = .allocate(capacity: 1)
        builder.initialize(to: XMLTreeBuilder(context: context))
    }

    deinit {
        xmlFreeParserCtxt(context)
        builder.deinitialize(count: 1)
        builder.deallocate()
    }

    /// Retired once its dictionary holds too many names.
    private var isWorn: Bool {
        guard let dictionary = context.pointee.dict else { return false }
        return xmlDictSize(dictionary) > Self.maximumInternedNames
    }

    func parse(_ bytes: [UInt8], limits: XMLLimits) throws(XMLError) -> XMLElement {
        builder.pointee.begin(limits: limits)
        defer { builder.pointee.end() }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                // The first four bytes go with the reset, which detects the encoding from them.
                let head = min(4, characters.count)
                xmlCtxtResetPush(context, characters.baseAddress, Int32(head), nil, nil)
                xmlCtxtUseOptions(context, Self.options)
                context.pointee.userData = UnsafeMutableRawPointer(builder)
                _ = xmlParseChunk(context, characters.baseAddress.map { $0 + head }, Int32(characters.count - head), 1)
            }
        }
        if let failure = builder.pointee.failure { throw failure }
        guard context.pointee.wellFormed != 0 else { throw XMLError(.malformed, lastErrorText()) }
        guard let root = builder.pointee.root else { throw XMLError(.malformed, "no root element") }
        return root
    }

    private func lastErrorText() -> String {
        let error = context.pointee.lastError
        guard let message = error.message else { return "not well-formed" }
        return "line \(error.line): \(String(cString: message).trimmingWhitespace)"
    }
}
