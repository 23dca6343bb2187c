import MapGeometry

/// The staff side of the kiosk: the three-finger gesture opens a PIN pad, the right PIN the staff
/// screen; wrong PINs count towards a lockout. See ``StaffAccess``.
extension Kiosk {
    /// What the shell must do for the kiosk (reload data…), each effect handed over once.
    public mutating func takeEffects() -> [KioskEffect] {
        defer { pendingEffects = [] }
        return pendingEffects
    }

    var staffLayout: StaffLayout {
        staff.screen == .staff
            ? StaffLayout.staffScreen(viewport: viewport, metrics: metrics, lines: staff.lines.count)
            : StaffLayout.pinPad(viewport: viewport, metrics: metrics, keepsDigitsLeftToRight: readsRightToLeft)
    }

    public var isPINLocked: Bool { pinLockedUntil.map { now < $0 } ?? false }

    /// The PIN pad opens over the map; the fingers that made the gesture are held by it until they lift.
    mutating func openPINPad() {
        touches.staffHoldSince = nil
        var session = StaffSession()
        for id in touches.recognizer.activeFingerIDs { session.fingers[id] = .some(nil) }
        touches.recognizer.reset()
        cameraController.stop()
        session.screen = .pinPad
        staff = session
        needsRedraw = true
    }

    mutating func handleStaff(_ event: InputEvent) {
        switch event {
        case .fingerDown(let id, let p): staff.fingers[id] = staffLayout.control(at: layoutPoint(p))
        case .mouseDown(let p): staff.fingers[InputEvent.mouseFingerID] = staffLayout.control(at: layoutPoint(p))
        case .fingerUp(let id, let p): staffRelease(id: id, at: p)
        case .mouseUp(let p): staffRelease(id: InputEvent.mouseFingerID, at: p)
        case .key(.escape): staff = StaffSession()
        default: break
        }
        needsRedraw = true
    }

    private mutating func staffRelease(id: Int, at p: Point) {
        guard let down = staff.fingers.removeValue(forKey: id), let control = down,
              staffLayout.control(at: layoutPoint(p)) == control else { return }
        press(control)
    }

    mutating func press(_ control: StaffControl) {
        guard let access = settings.staff else { return }
        switch control {
        case .digit(let d):
            guard !isPINLocked, staff.pinEntry.count < 8 else { return }
            staff.pinEntry.append(String(d))
            staff.lastPINWasWrong = false
        case .erase:
            if !staff.pinEntry.isEmpty { staff.pinEntry.removeLast() }
        case .confirm:
            guard !isPINLocked, !staff.pinEntry.isEmpty else { return }
            if access.verifyPIN(staff.pinEntry) {
                pinFailures = 0
                staff.screen = .staff
                pendingEffects.append(.staffReport)
            } else {
                pinFailures += 1
                staff.lastPINWasWrong = true
                if pinFailures >= access.maxAttempts {
                    pinLockedUntil = now + access.lockoutSeconds
                    pinFailures = 0
                }
            }
            staff.pinEntry = ""
        case .cancel, .close:
            staff = StaffSession()
        case .reload:
            pendingEffects.append(.reloadData)
            pendingEffects.append(.staffReport)
        case .syncNow:
            pendingEffects.append(.syncNow)
            pendingEffects.append(.staffReport)
        case .placeKiosk:
            staff.screen = .placingKiosk
            refreshVisitorView()
        }
        needsRedraw = true
    }

    /// The PIN pad's message: wrong PIN with tries left, or locked with minutes left.
    public var pinMessage: String? {
        if let until = pinLockedUntil, now < until {
            return catalog.text(.staffPinLocked, language, n: Int(((until - now) / 60).rounded(.up)))
        }
        if staff.lastPINWasWrong, let access = settings.staff {
            return catalog.text(.staffPinWrong, language, n: access.maxAttempts - pinFailures)
        }
        return nil
    }

}
