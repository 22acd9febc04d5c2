import SafeXML

/// A SOAP call carried in a SERVICE body (`application/SOAP+xml`, namespace
/// `http://schemas.microsoft.com/winrtc/2002/11/sip`): contact-list changes (`setContact`,
/// `deleteContact`, `addGroup`, `modifyGroup`, `deleteGroup`, `setACE`) and OCS 2005
/// `setPresence`. Any other operation is kept by name with its fields.
public struct SOAPRequest: Equatable, Sendable, Codable {
    /// The operation element's local name.
    public let operation: String
    /// The operation's simple child elements by local name (`URI`, `displayName`, `groups`…).
    public let fields: [String: String]

    public var summary: String {
        var text = operation
        if let uri = fields["URI"] ?? fields["uri"] { text += " \(uri)" }
        if let name = fields["displayName"] ?? fields["name"], !name.isEmpty { text += " \"\(name)\"" }
        if let groups = fields["groups"], !groups.isEmpty { text += " groups \(groups)" }
        if let deltaNumber = fields["deltaNum"] { text += " deltaNum \(deltaNumber)" }
        return text
    }

    static func decode(_ root: XMLElement) -> SOAPRequest? {
        let body = root.name == "Envelope" ? root.child("Body") : nil
        guard let operation = (body ?? root).children.first ?? (body == nil ? root : nil) else { return nil }
        var fields: [String: String] = [:]
        collectFields(operation, into: &fields)
        return SOAPRequest(operation: operation.name, fields: fields)
    }

    /// Leaf elements anywhere in the operation, first occurrence wins; attributes of the
    /// operation element too (`m:presentity m:uri=`).
    private static func collectFields(_ element: XMLElement, into fields: inout [String: String]) {
        for (name, value) in element.attributes where fields[name] == nil { fields[name] = value }
        for child in element.children {
            if child.children.isEmpty {
                if fields[child.name] == nil { fields[child.name] = child.text.trimmingWhitespace }
                for (name, value) in child.attributes where fields[child.name + "." + name] == nil {
                    fields[child.name + "." + name] = value
                }
            } else {
                collectFields(child, into: &fields)
            }
        }
    }
}
