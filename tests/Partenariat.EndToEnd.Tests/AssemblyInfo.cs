// One host at a time: each collection starts its own host and Azurite, and timing-sensitive tests
// (timers, polling) should not share two cores with the other host's.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
