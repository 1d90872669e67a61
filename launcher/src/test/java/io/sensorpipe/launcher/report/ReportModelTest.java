package io.sensorpipe.launcher.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportModelTest {
    private static final long T0 = 1_763_700_000_000L;

    @Test
    void oneSeriesPerRoomSortedByRoomIdWithTheOverallTimeRange() {
        ReportModel m = ReportModel.of(Map.of(
                "room-b", List.of(new Point(0, T0 + 5_000, 20, 20)),
                "room-a", List.of(new Point(0, T0, 21, 21), new Point(1, T0 + 9_000, 22, 21.5))));
        assertEquals(List.of("room-a", "room-b"), m.roomIds());
        assertEquals(T0, m.fromTs());
        assertEquals(T0 + 9_000, m.toTs());
    }

    @Test
    void pointsAreDrawnInEventTimeOrderButLastMeansHighestSeq() {
        // seq 2 arrived with an earlier event time than seq 1 (out of order): it is still the latest reading
        List<Point> points = List.of(new Point(0, T0, 20.0, 20.0), new Point(1, T0 + 2_000, 23.0, 21.5),
                new Point(2, T0 + 1_000, 19.0, 20.67));
        RoomSeries s = ReportModel.of(Map.of("room-1", points)).rooms().get(0);
        assertEquals(List.of(0L, 2L, 1L), s.points().stream().map(Point::seq).toList());
        assertEquals(new RoomStats("room-1", 3, 19.0, 20.67, 19.0, 23.0), s.stats());
    }

    @Test
    void longSeriesAreThinnedForDrawingKeepingFirstAndLastButStatsUseEveryPoint() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            points.add(new Point(i, T0 + i * 100L, i == 5_001 ? 35.0 : 20.0, 20.0));
        }
        RoomSeries s = ReportModel.of(Map.of("room-1", points), 600).rooms().get(0);
        assertEquals(600, s.points().size());
        assertEquals(0, s.points().get(0).seq());
        assertEquals(9_999, s.points().get(599).seq());
        assertEquals(10_000, s.stats().readings());
        assertEquals(35.0, s.stats().max());
    }

    @Test
    void roomsWithoutPointsAreLeftOutAndAnEmptyModelHasNoRange() {
        ReportModel m = ReportModel.of(Map.of("room-x", List.of()));
        assertTrue(m.rooms().isEmpty());
        assertEquals(0, m.fromTs());
    }
}
