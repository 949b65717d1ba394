using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChannelTreeAndFieldWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OutletTier",
                table: "Customers",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ParentId",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DevelopmentTargets",
                columns: table => new
                {
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    NewCustomers = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SetBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentTargets", x => new { x.BranchId, x.OwnerId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CustomerIds = table.Column<string>(type: "TEXT", nullable: false),
                    Attendees = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VisitPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: true),
                    VisitorId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    VisitorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PlannedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PlannedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PlannedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MissedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeetingActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CompletedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OverdueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingActions_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_ParentId",
                table: "Customers",
                columns: new[] { "BranchId", "ParentId" });

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentTargets_BranchId_Month",
                table: "DevelopmentTargets",
                columns: new[] { "BranchId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingActions_BranchId_OwnerId_DueOn",
                table: "MeetingActions",
                columns: new[] { "BranchId", "OwnerId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingActions_CompletedOn_OverdueAt_DueOn",
                table: "MeetingActions",
                columns: new[] { "CompletedOn", "OverdueAt", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingActions_MeetingId",
                table: "MeetingActions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_BranchId_HeldOn",
                table: "Meetings",
                columns: new[] { "BranchId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitPlans_BranchId_PlannedOn_Route_Sequence",
                table: "VisitPlans",
                columns: new[] { "BranchId", "PlannedOn", "Route", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitPlans_BranchId_VisitorId_PlannedOn",
                table: "VisitPlans",
                columns: new[] { "BranchId", "VisitorId", "PlannedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitPlans_CustomerId_PlannedOn_VisitorId",
                table: "VisitPlans",
                columns: new[] { "CustomerId", "PlannedOn", "VisitorId" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitPlans_State_PlannedOn",
                table: "VisitPlans",
                columns: new[] { "State", "PlannedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DevelopmentTargets");

            migrationBuilder.DropTable(
                name: "MeetingActions");

            migrationBuilder.DropTable(
                name: "VisitPlans");

            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_ParentId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OutletTier",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Customers");
        }
    }
}
