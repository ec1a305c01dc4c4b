// The verify stage: reading packages (ours or any tool's), inspecting and comparing them.
