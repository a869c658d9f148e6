import type { AgentState } from './agent-state';
import { InMemoryAgentState } from './in-memory-agent-state';

/** Hands out each agent's state. Replay keeps it in memory; the stack loads and saves it around a batch. */
export interface StateStore {
  forAgent(principalArn: string): AgentState;
}

export class InMemoryStateStore implements StateStore {
  private readonly agents = new Map<string, InMemoryAgentState>();

  forAgent(principalArn: string): AgentState {
    let state = this.agents.get(principalArn);
    if (!state) {
      state = new InMemoryAgentState();
      this.agents.set(principalArn, state);
    }
    return state;
  }
}
