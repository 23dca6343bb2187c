import CSDL2
import Foundation

/// 16-bit mono sound through SDL's audio: samples are queued as they come and played in order;
/// ``clear()`` silences at once what was queued (speech stopped by a touch).
///
/// SDL picks the system's audio (PulseAudio, ALSA…); `SDL_AUDIODRIVER=disk` writes the sound to
/// a file instead (tests). Queueing and clearing are safe from any thread.
public final class AudioOutput: @unchecked Sendable {
    private let device: SDL_AudioDeviceID
    public let sampleRate: Int
    /// The driver SDL chose ("pulseaudio", "alsa", "disk"…).
    public let driver: String

    public struct AudioError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(sampleRate: Int) throws {
        if SDL_WasInit(UInt32(SDL_INIT_AUDIO)) == 0, SDL_InitSubSystem(UInt32(SDL_INIT_AUDIO)) != 0 {
            throw AudioError(description: "no sound: SDL audio could not start (\(String(cString: SDL_GetError())))")
        }
        var wanted = SDL_AudioSpec()
        wanted.freq = Int32(sampleRate)
        wanted.format = SDL_AudioFormat(AUDIO_S16LSB)
        wanted.channels = 1
        wanted.samples = 1024
        var obtained = SDL_AudioSpec()
        let device = SDL_OpenAudioDevice(nil, 0, &wanted, &obtained, 0)
        guard device != 0 else {
            throw AudioError(description: "no sound: no audio device could be opened (\(String(cString: SDL_GetError())))")
        }
        self.device = device
        self.sampleRate = sampleRate
        driver = SDL_GetCurrentAudioDriver().map { String(cString: $0) } ?? "?"
        SDL_PauseAudioDevice(device, 0)
    }

    deinit {
        SDL_CloseAudioDevice(device)
    }

    public func queue(_ samples: [Int16]) {
        samples.withUnsafeBytes { raw in
            _ = SDL_QueueAudio(device, raw.baseAddress, UInt32(raw.count))
        }
    }

    /// Drops what is queued and not yet played.
    public func clear() {
        SDL_ClearQueuedAudio(device)
    }

    /// Bytes queued and not yet played (0 when the sound has ended).
    public var queuedBytes: Int { Int(SDL_GetQueuedAudioSize(device)) }
}
