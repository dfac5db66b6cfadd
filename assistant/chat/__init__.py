"""Chat: intent extraction, the chat chain and the optional LLM."""
