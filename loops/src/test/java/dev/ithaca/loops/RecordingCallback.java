package dev.ithaca.loops;

import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.TrainingState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Records every hook as text ({@code batchEnd 1/2 step=5}: epoch 1, batch 2) with a copy of the
 * metrics it saw, and answers STOP to the events {@code stopWhen} accepts.
 */
final class RecordingCallback implements Callback {
    record Event(String text, String hook, int epoch, long batch, long step, Map<String, Double> metrics, boolean training) {
    }

    private final List<Event> events = new ArrayList<>();
    private final Predicate<Event> stopWhen;
    private final List<Throwable> exceptions = new ArrayList<>();

    RecordingCallback() {
        this(e -> false);
    }

    RecordingCallback(Predicate<Event> stopWhen) {
        this.stopWhen = stopWhen;
    }

    List<Event> events() {
        return events;
    }

    List<Throwable> exceptions() {
        return exceptions;
    }

    List<String> hooks() {
        return events.stream().map(Event::text).toList();
    }

    List<Event> of(String hook) {
        return events.stream().filter(e -> e.hook().equals(hook)).toList();
    }

    private CallbackSignal record(String hook, TrainingState state, String text) {
        Event event = new Event(text, hook, state.epoch(), state.batchIndex(), state.globalStep(),
                new LinkedHashMap<>(state.metrics()), state.model().isTraining());
        events.add(event);
        return stopWhen.test(event) ? CallbackSignal.STOP : CallbackSignal.CONTINUE;
    }

    @Override
    public CallbackSignal onTrainBegin(TrainingState state) {
        return record("trainBegin", state, "trainBegin");
    }

    @Override
    public CallbackSignal onTrainEnd(TrainingState state) {
        return record("trainEnd", state, "trainEnd");
    }

    @Override
    public CallbackSignal onEpochBegin(TrainingState state) {
        return record("epochBegin", state, "epochBegin " + state.epoch());
    }

    @Override
    public CallbackSignal onEpochEnd(TrainingState state) {
        return record("epochEnd", state, "epochEnd " + state.epoch());
    }

    @Override
    public CallbackSignal onBatchBegin(TrainingState state) {
        return record("batchBegin", state, "batchBegin " + state.epoch() + "/" + state.batchIndex());
    }

    @Override
    public CallbackSignal onBatchEnd(TrainingState state) {
        return record("batchEnd", state, "batchEnd " + state.epoch() + "/" + state.batchIndex() + " step=" + state.globalStep());
    }

    @Override
    public CallbackSignal onValidationBegin(TrainingState state) {
        return record("validationBegin", state, "validationBegin " + state.epoch());
    }

    @Override
    public CallbackSignal onValidationEnd(TrainingState state) {
        return record("validationEnd", state, "validationEnd " + state.epoch());
    }

    @Override
    public CallbackSignal onException(TrainingState state, Throwable error) {
        exceptions.add(error);
        return record("exception", state, "exception");
    }
}
