package dev.skillgap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SkillGapApplication {

    public static void main(String[] args) {
        SpringApplication.run(SkillGapApplication.class, args);
    }
}
