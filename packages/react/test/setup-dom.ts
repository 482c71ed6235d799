import { configure } from "@testing-library/react";

// Each step waits on a real Better Auth: on a loaded 2-core CI machine one round trip can pass
// Testing Library's 1 s default, which is a slow machine, not a failure.
configure({ asyncUtilTimeout: 5000 });
