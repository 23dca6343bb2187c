/// The outbox and delivery carry the feedback model's types: clients of this module see them too.
@_exported import FeedbackModel
