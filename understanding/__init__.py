"""Understanding shared by the NLU components (nlu_components/) and the custom actions
(actions/): rules about a message's words that both must apply the same way."""
