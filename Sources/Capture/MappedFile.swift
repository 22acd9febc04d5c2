#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory: the kernel pages it in as it is read,
/// so a capture of any size costs address space, not resident memory.
final class MappedFile {
    let bytes: UnsafeRawBufferPointer
    var count: Int { bytes.count }

    init(path: String) throws(CaptureError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CaptureError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw CaptureError(path: path, reason: String(cString: strerror(errno))) }
        let size = Int(status.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw CaptureError(path: path, reason: "cannot map the file: \(String(cString: strerror(errno)))")
        }
        // The analyzer reads front to back.
        _ = madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// Tells the kernel the bytes before `offset` will not be read again, so their pages
    /// leave this process's resident memory: reading a file of any size stays small.
    func release(before offset: Int) {
        guard let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = (min(offset, bytes.count) / page) * page
        guard length > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), length, MADV_DONTNEED)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    /// True for a regular file, the only kind that can be mapped (not a pipe or a device).
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }
}
