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
        screen == .staff
            ? StaffLayout.staffScreen(viewport: viewport, metrics: metrics, lines: staffLines.count)
            : StaffLayout.pinPad(viewport: viewport, metrics: metrics)
    }

    public var isPINLocked: Bool { pinLockedUntil.map { now < $0 } ?? false }

    /// The PIN pad opens over the map; the fingers that made the gesture are held by it until they lift.
    mutating func openPINPad() {
        staffHoldSince = nil
        for id in recognizer.activeFingerIDs { staffFingers[id] = .some(nil) }
        recognizer.reset()
        cameraController.stop()
        screen = .pinPad
        pinEntry = ""
        lastPINWasWrong = false
        needsRedraw = true
    }

    mutating func handleStaff(_ event: InputEvent) {
        switch event {
        case .fingerDown(let id, let p): staffFingers[id] = staffLayout.control(at: p)
        case .mouseDown(let p): staffFingers[InputEvent.mouseFingerID] = staffLayout.control(at: p)
        case .fingerUp(let id, let p): staffRelease(id: id, at: p)
        case .mouseUp(let p): staffRelease(id: InputEvent.mouseFingerID, at: p)
        case .key(.escape): screen = .map
        default: break
        }
        needsRedraw = true
    }

    private mutating func staffRelease(id: Int, at p: Point) {
        guard let down = staffFingers.removeValue(forKey: id), let control = down,
              staffLayout.control(at: p) == control else { return }
        press(control)
    }

    mutating func press(_ control: StaffControl) {
        guard let staff = settings.staff else { return }
        switch control {
        case .digit(let d):
            guard !isPINLocked, pinEntry.count < 8 else { return }
            pinEntry.append(String(d))
            lastPINWasWrong = false
        case .erase:
            if !pinEntry.isEmpty { pinEntry.removeLast() }
        case .confirm:
            guard !isPINLocked, !pinEntry.isEmpty else { return }
            if staff.verifyPIN(pinEntry) {
                pinFailures = 0
                staffLines = staff.report().map { "\($0.0) : \($0.1)" }
                screen = .staff
            } else {
                pinFailures += 1
                lastPINWasWrong = true
                if pinFailures >= staff.maxAttempts {
                    pinLockedUntil = now + staff.lockoutSeconds
                    pinFailures = 0
                }
            }
            pinEntry = ""
        case .cancel, .close:
            screen = .map
            pinEntry = ""
        case .reload:
            pendingEffects.append(.reloadData)
            staffLines = staff.report().map { "\($0.0) : \($0.1)" }
        case .syncNow:
            pendingEffects.append(.syncNow)
            staffLines = staff.report().map { "\($0.0) : \($0.1)" }
        case .placeKiosk:
            screen = .placingKiosk
            refreshVisitorView()
        }
        needsRedraw = true
    }

    /// The PIN pad's message: wrong PIN with tries left, or locked with minutes left.
    public var pinMessage: String? {
        if let until = pinLockedUntil, now < until {
            return catalog.text(.staffPinLocked, language, n: Int(((until - now) / 60).rounded(.up)))
        }
        if lastPINWasWrong, let staff = settings.staff {
            return catalog.text(.staffPinWrong, language, n: staff.maxAttempts - pinFailures)
        }
        return nil
    }

}
