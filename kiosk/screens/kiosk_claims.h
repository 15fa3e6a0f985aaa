// The kiosk's claims (kiosk_claims.cpp): their review bodies and confirmations, used by the review screen.
#pragma once

namespace kiosk {
class App;

void DrawRoleReview(App& app);
void DrawCommitmentReview(App& app);
// One store action each; a refusal stays on the review (visit.refusal), success shows the thank-you.
void ConfirmRole(App& app);
void ConfirmCommitment(App& app);

}  // namespace kiosk
