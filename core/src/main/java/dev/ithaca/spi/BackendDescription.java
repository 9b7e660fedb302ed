package dev.ithaca.spi;

/** One discovered backend provider and what its probe found. */
public record BackendDescription(String name, int priority, Availability availability) {

    @Override
    public String toString() {
        return name + " (priority " + priority + "): " + availability;
    }
}
