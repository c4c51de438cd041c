package io.jenkins.plugins.bitbucketapitoken.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditReportCsvTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "formula          | =1+1        | '=1+1",
                "plus             | +1          | '+1",
                "minus            | -1          | '-1",
                "at               | @SUM(A1)    | '@SUM(A1)",
                "tab              | `\t=1+1`    | `'\t=1+1`",
                "carriage return  | `\r=1+1`    | `\"'\r=1+1\"`",
                "line feed        | `\n=1+1`    | `\"'\n=1+1\"`",
                "comma            | a,b         | `\"a,b\"`",
                "quote            | `a\"b`      | `\"a\"\"b\"`",
                "plain            | team/app    | team/app",
            })
    void shouldDefuseEveryCellASpreadsheetWouldTakeForAFormula(String what, String value, String cell) {
        assertThat(AuditReportCsv.cell(unescape(value))).as(what).isEqualTo(unescape(cell));
    }

    private static String unescape(String s) {
        return s.replace("\\t", "\t").replace("\\r", "\r").replace("\\n", "\n").replace("\\\"", "\"");
    }
}
