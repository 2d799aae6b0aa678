package dev.skillgap.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillgap.SkillGapApplication;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RolesTest {

    @Test
    void allRolesByDefaultAndAListOtherwise() {
        assertThat(Roles.of(null).held()).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(Roles.of(" ").held()).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(Roles.of("API, Ingest").held()).containsExactlyInAnyOrder(Role.API, Role.INGEST);
        assertThat(Roles.of("api").writes()).isFalse();
        assertThat(Roles.of("api,llm").writes()).isTrue();
        assertThat(Roles.of("ingest").writes()).isTrue();
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheSettingAndTheRoles() {
        assertThatThrownBy(() -> Roles.of("api,injest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SKILLGAP_ROLES").hasMessageContaining("'injest' is not a role")
                .hasMessageContaining("api, ingest, llm");
    }

    @Test
    void aRunModeNeedsItsRole() {
        assertThatThrownBy(() -> Roles.of("api").checkRunMode(RunMode.LOAD_AND_EXIT))
                .hasMessageContaining("needs the role 'ingest'");
        assertThatThrownBy(() -> Roles.of("api,ingest").checkRunMode(RunMode.BACKTEST))
                .hasMessageContaining("needs the role 'llm'");
        Roles.of("api").checkRunMode(RunMode.SERVICE);
    }

    @Test
    void theRouteFilesOfTheMissingRolesAreExcludedJoinedToAnyOtherExclusion() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("settings", Map.of(Roles.SETTING, "api")));
        new RoleRouting().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty(RoleRouting.EXCLUDE))
                .isEqualTo("**/ingest.camel.yaml,**/moves.camel.yaml,**/enrich.camel.yaml,**/backtest.camel.yaml");

        // a roles value added later (a test's dynamic property) counts, and an exclusion of lower precedence is kept
        environment.getPropertySources().addFirst(new MapPropertySource("later", Map.of(Roles.SETTING, "api,llm")));
        environment.getPropertySources().addLast(new MapPropertySource("own", Map.of(RoleRouting.EXCLUDE, "**/other.yaml")));
        assertThat(environment.getProperty(RoleRouting.EXCLUDE)).isEqualTo("**/ingest.camel.yaml,**/moves.camel.yaml,**/other.yaml");

        StandardEnvironment all = new StandardEnvironment();
        new RoleRouting().postProcessEnvironment(all, null);
        assertThat(all.getProperty(RoleRouting.EXCLUDE)).isNull();
    }

    @Test
    void anUnknownRoleStopsTheStartWithItsMessage() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SkillGapApplication.class)
                .run("--skillgap.roles=api,workers", "--server.port=0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'workers' is not a role");
    }
}
