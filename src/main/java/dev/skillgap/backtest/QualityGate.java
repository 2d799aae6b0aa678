package dev.skillgap.backtest;

import dev.skillgap.enrich.LlmProperties;
import org.springframework.stereotype.Component;

/**
 * The quality gate (PRD SM5): LLM levels are served only for a model + prompt version whose latest backtest passed
 * (its whole 95% interval of delta below 0), unless skillgap.llm.gate.required is false. Read by the API snapshot.
 */
@Component
public class QualityGate {

    private final GateProperties gate;
    private final LlmProperties llm;
    private final BacktestRepository repository;

    public QualityGate(GateProperties gate, LlmProperties llm, BacktestRepository repository) {
        this.gate = gate;
        this.llm = llm;
        this.repository = repository;
    }

    /** The gate from the stored backtests; runs in the caller's transaction (the snapshot's consistent read). */
    public GateState read() {
        return GateState.of(gate.required(), llm.provider().name().toLowerCase(java.util.Locale.ROOT),
                llm.effectiveModel(), BacktestBatches.promptVersion(llm), repository.latestPerModel());
    }

    /** Passed: the whole interval below 0. */
    static boolean passes(BacktestFigures.Interval ci95) {
        return ci95.entirelyBelow(0);
    }
}
