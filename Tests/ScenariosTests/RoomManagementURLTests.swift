import Scenarios
import Testing

@Suite("Room management URLs ([MS-OCGCWEB])")
struct RoomManagementURLTests {
    @Test("the specification's examples")
    func examples() {
        #expect(RoomManagementURL.view(base: "http://example.com/RM/", room: "ma-chan://example.com/61E092C7-89BB-4DC4-A3F5-8C23FA940FAB")
                == "http://example.com/RM/?clientlang=en-US&id=61E092C7-89BB-4DC4-A3F5-8C23FA940FAB")
        #expect(RoomManagementURL.view(base: "http://example.com/rm/", room: "ma-chan://example.com/61E092C7-89BB-4DC4-A3F5-8C23FA940FAB",
                                       language: "de-DE")
                == "http://example.com/rm/?clientlang=de-DE&id=61E092C7-89BB-4DC4-A3F5-8C23FA940FAB")
        #expect(RoomManagementURL.view(base: "http://example.com/rm/?extensionparam=value", room: "ma-chan://example.com/ABC")
                == "http://example.com/rm/?extensionparam=value&clientlang=en-US&id=ABC")
        #expect(RoomManagementURL.view(base: "http://example.com/rm/", room: "sip:not-a-room@example.com") == nil)
    }
}
