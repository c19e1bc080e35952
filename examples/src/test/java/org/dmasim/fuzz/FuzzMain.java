package org.dmasim.fuzz;

import java.time.Duration;

/**
 * Runs the fuzzing loop outside Maven (profiling, ad-hoc seeds):
 * {@code FuzzMain SEED MINUTES [PROGRAMS [noshrink]]}; findings are printed as they come.
 */
public final class FuzzMain {
    private FuzzMain() {
    }

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        Duration time = Duration.ofSeconds((long) (Double.parseDouble(args[1]) * 60));
        long programs = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        boolean shrink = args.length <= 3 || !args[3].equals("noshrink");
        Stats stats = FuzzLoop.run(FuzzLoop.Config.campaign(seed, programs, time, shrink), System.out::println);
        System.out.println("done: " + stats);
        System.exit(0);
    }
}
