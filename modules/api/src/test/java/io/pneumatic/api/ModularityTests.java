package io.pneumatic.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module boundaries of DESIGN.md: who may depend on whom, and only through public APIs (a
 * module's root package). Checks the main classes of every module on api's test classpath.
 */
@AnalyzeClasses(packages = "io.pneumatic", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

	private static final String API = "io.pneumatic.api..";

	private static final String REALTIME = "io.pneumatic.realtime..";

	private static final String QUEUE_ENGINE = "io.pneumatic.queue..";

	private static final String WORKER_SIM = "io.pneumatic.sim..";

	private static final String[] INTERNALS = { "io.pneumatic.realtime.internal..", "io.pneumatic.queue.internal.." };

	@ArchTest
	static final ArchRule realtime_should_not_depend_on_api = noClasses().that()
		.resideInAPackage(REALTIME)
		.should()
		.dependOnClassesThat()
		.resideInAPackage(API);

	@ArchTest
	static final ArchRule realtime_should_not_depend_on_queue_engine = noClasses().that()
		.resideInAPackage(REALTIME)
		.should()
		.dependOnClassesThat()
		.resideInAPackage(QUEUE_ENGINE);

	// allowEmptyShould: the queue engine may have no classes yet; the rule still holds then.
	@ArchTest
	static final ArchRule queue_engine_should_not_depend_on_other_modules = noClasses().that()
		.resideInAPackage(QUEUE_ENGINE)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(API, REALTIME, WORKER_SIM)
		.allowEmptyShould(true);

	@ArchTest
	static final ArchRule api_should_use_only_the_public_api_of_other_modules = noClasses().that()
		.resideInAPackage(API)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(INTERNALS);

	@ArchTest
	static final ArchRule worker_sim_should_use_only_public_apis = noClasses().that()
		.resideInAPackage(WORKER_SIM)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(INTERNALS)
		.allowEmptyShould(true);

	@ArchTest
	static final ArchRule api_should_not_depend_on_worker_sim = noClasses().that()
		.resideInAPackage(API)
		.should()
		.dependOnClassesThat()
		.resideInAPackage(WORKER_SIM);

}
