extension Dictionary.Values {
    /// One in-place access to the value at `index`: read through the subscript and written
    /// back, the value (and the lists and sets in it) would be copied out, and its key hashed
    /// again. The trackers change an entry for nearly every message.
    mutating func modify<Result>(at index: Index, _ body: (inout Value) -> Result) -> Result {
        body(&self[index])
    }
}
