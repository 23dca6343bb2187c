/// Events in, frames out: clients of the state machine see its input vocabulary too.
@_exported import InputModel
