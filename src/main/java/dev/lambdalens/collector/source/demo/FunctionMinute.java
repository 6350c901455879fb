package dev.lambdalens.collector.source.demo;

/**
 * The final CloudWatch figures of one simulated function for one minute.
 */
record FunctionMinute(long invocations, long errors, long throttles, double durationAverage, double durationMaximum,
        double durationP99, double durationSum, long concurrency, double usedMemoryMax, double memoryUtilization) {

    /** The part of this minute CloudWatch would hold {@code fraction} of the way to settling. */
    FunctionMinute partial(double fraction) {
        long seen = (long) Math.floor(this.invocations * fraction);
        // durations of the invocations seen so far are those of the whole minute, their counts are not
        return new FunctionMinute(seen, (long) Math.floor(this.errors * fraction),
                (long) Math.floor(this.throttles * fraction), this.durationAverage, this.durationMaximum,
                this.durationP99, this.durationAverage * seen,
                Math.min(seen, (long) Math.ceil(this.concurrency * fraction)), this.usedMemoryMax,
                this.memoryUtilization);
    }
}
