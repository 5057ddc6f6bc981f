// PostdeskRules holds no rules engine yet (README § Status), so there is nothing here to test.
//
// This file used to hold a test that checked a PostdeskCore value (`TicketStatus.solved.afterCustomerReply`), which
// `PostdeskCoreTests/TicketStatusTests` already covers: it passed whatever PostdeskRules did. The first rule, condition
// or action that lands brings its tests here (ARCHITECTURE §1: `evaluate(event, snapshot) -> [Effect]`, table tests).
import PostdeskRules
