#if canImport(Glibc)
import Glibc
#endif

/// A parent may start us with signals blocked (a supervisor's worker thread, a test runner), and
/// the mask is inherited: SIGTERM would then never stop the kiosk. Unblock the ones we act on.
enum SignalMask {
    static func unblockTerminationSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
